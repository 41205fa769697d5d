"""Found through a custom path hook whose loader subclasses SourceFileLoader (program 133)."""
print("plugin_a runs as", __name__, "loaded by", type(__loader__).__name__)
