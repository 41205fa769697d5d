"""A package with a data file and a sub-module (program 133)."""
from . import sub  # noqa: F401

NAME = "helpers_loader"
