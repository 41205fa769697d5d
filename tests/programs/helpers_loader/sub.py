"""A sub-module of helpers_loader (program 133)."""


def where():
    return __name__, __package__, __spec__.parent
