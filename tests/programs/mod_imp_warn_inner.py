"""Imported by mod_imp_warn: its stacklevel 2 names mod_imp_warn's import, 3 the program's (program 132)."""
import warnings

warnings.warn("inner, stacklevel 2", stacklevel=2)
warnings.warn("inner, stacklevel 3", stacklevel=3)
warnings.warn("inner deprecation at stacklevel 3", DeprecationWarning, stacklevel=3)
