# The loader of a module imported from a file is the host's own
# SourceFileLoader, exactly (its type, loader and spec equality -- which
# compare classes -- and sys.meta_path are native's): code that checks
# isinstance(loader, SourceFileLoader) and the machinery built on loaders
# work as natively --
# get_source/get_code/is_package, importlib.reload, inspect.getsource,
# pkgutil (get_data, iter_modules, get_loader), importlib.resources.files,
# importlib.util.find_spec, runpy.run_module, module_from_spec, and a custom
# path hook whose loader subclasses SourceFileLoader keeps its behaviour.
import importlib
import importlib.abc
import importlib.machinery as machinery
import importlib.resources
import importlib.util
import inspect
import os
import pkgutil
import runpy
import sys

import helpers_loader
import mod_imp_loader


def base(path):
    return path.rsplit("/", 1)[-1] if path else path


loader = mod_imp_loader.__loader__
print(isinstance(loader, machinery.SourceFileLoader), isinstance(loader, importlib.abc.FileLoader),
      isinstance(loader, importlib.abc.Loader), isinstance(loader, importlib.abc.SourceLoader),
      issubclass(type(loader), machinery.SourceFileLoader))
print(type(loader) is machinery.SourceFileLoader, loader == machinery.SourceFileLoader(loader.name, loader.path),
      mod_imp_loader.__spec__ == importlib.util.find_spec("mod_imp_loader"),
      [getattr(f, "__name__", type(f).__name__) for f in sys.meta_path if "Distutils" not in type(f).__name__])
print(mod_imp_loader.__spec__.loader is loader, loader.name, base(loader.path), base(loader.get_filename("mod_imp_loader")))
print(loader.is_package("mod_imp_loader"), loader.get_source("mod_imp_loader").splitlines()[0])
code = loader.get_code("mod_imp_loader")
print(type(code).__name__, base(code.co_filename), code.co_name, "RUNS" in code.co_names)
print(base(mod_imp_loader.__file__), base(mod_imp_loader.__cached__), mod_imp_loader.__spec__.has_location,
      mod_imp_loader.__spec__.origin == mod_imp_loader.__file__)
print(repr(mod_imp_loader).split(" from ")[0])
print(inspect.getsource(mod_imp_loader.func), end="")
print(base(inspect.getsourcefile(mod_imp_loader)), inspect.getmodule(mod_imp_loader.func) is mod_imp_loader)
print(inspect.getsourcelines(mod_imp_loader.func)[1], inspect.getdoc(mod_imp_loader.func))

again = importlib.reload(mod_imp_loader)
print(again is mod_imp_loader, mod_imp_loader.RUNS, isinstance(mod_imp_loader.__loader__, machinery.SourceFileLoader))

pkg_loader = helpers_loader.__loader__
print(isinstance(pkg_loader, machinery.SourceFileLoader), pkg_loader.is_package("helpers_loader"),
      helpers_loader.__spec__.submodule_search_locations == helpers_loader.__path__, helpers_loader.sub.where())
print(isinstance(helpers_loader.sub.__loader__, machinery.SourceFileLoader), helpers_loader.sub.__spec__.parent)
print(pkgutil.get_data("helpers_loader", "data.txt"))
print(sorted((name, ispkg) for _, name, ispkg in pkgutil.iter_modules(helpers_loader.__path__)))
print(isinstance(pkgutil.get_loader("mod_imp_loader"), machinery.SourceFileLoader))
files = importlib.resources.files("helpers_loader")
print(files.joinpath("data.txt").read_text().splitlines())
print(sorted(p.name for p in files.iterdir() if p.name != "__pycache__"))
with importlib.resources.as_file(files / "data.txt") as path:
    print(base(str(path)), os.path.getsize(path))

spec = importlib.util.find_spec("mod_imp_loader")
print(isinstance(spec.loader, machinery.SourceFileLoader), spec.name, base(spec.origin), spec.parent == "")
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
print(module is not mod_imp_loader, module.RUNS, module.func(21), sys.modules["mod_imp_loader"] is mod_imp_loader)
own = importlib.util.spec_from_file_location("own_copy", mod_imp_loader.__file__)
own_module = importlib.util.module_from_spec(own)
own.loader.exec_module(own_module)
print(type(own.loader).__name__, own_module.__name__, own_module.func("ab"))

ns = runpy.run_module("mod_imp_loader", run_name="__main__")
print(ns["RUNS"], ns["__name__"], isinstance(ns["__loader__"], machinery.SourceFileLoader))
print(importlib.import_module("helpers_loader.sub").where()[0], importlib.import_module(".sub", "helpers_loader").__name__)


class PluginLoader(machinery.SourceFileLoader):
    def exec_module(self, module):
        print("PluginLoader.exec_module", module.__name__)
        super().exec_module(module)


plugins = os.path.join(os.getcwd(), "helpers_loader", "plugins")
sys.path_hooks.insert(0, machinery.FileFinder.path_hook((PluginLoader, [".py"])))
sys.path.insert(0, plugins)
sys.path_importer_cache.pop(plugins, None)
import plugin_a  # noqa: E402

print(type(plugin_a.__loader__).__name__, type(plugin_a.__spec__.loader) is PluginLoader)
