"""Imports a module that does not exist (program 132)."""
import no_such_module_132  # noqa: F401
