"""Warns while being imported, at several stack levels (program 132)."""
import warnings

warnings.warn("stacklevel 1 names this line")
warnings.warn("stacklevel 2 names the importing line", stacklevel=2)
warnings.warn("deprecated, shown because the importer is __main__", DeprecationWarning, stacklevel=2)
import mod_imp_warn_inner  # noqa: E402,F401


def later():
    warnings.warn("from a call after the import", stacklevel=2)
