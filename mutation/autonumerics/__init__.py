"""AutoNumerics: evolutionary discovery of function approximations."""
