#include "runtime/import_hook.h"

#include "core/ref.h"
#include "runtime/internal_module.h"

namespace xp::rt {

namespace {

// Host-side (native) Python: the finder and the loaders. The loaders are
// the host's own SourceFileLoader/SourcelessFileLoader with one method
// replaced: get_code returns the code prepared for the VM (a C function of
// _xpython, so it adds no frame). Loading itself is then the host's
// exec_module -- _call_with_frames_removed(exec, code, module.__dict__) --
// and the frame hook runs prepared code in the VM. So what the import
// machinery, tracebacks (import.c's remove_importlib_frames), warnings'
// stacklevel and code checking isinstance(loader, SourceFileLoader) see is
// what they see natively.
constexpr const char* kHookSource = R"PY(
import sys
import importlib.machinery as _machinery
import os as _os
import _xpython as _xp


class XpythonSourceFileLoader(_machinery.SourceFileLoader):
    """SourceFileLoader whose modules run in the xpython VM."""

    get_code = _xp.vm_get_code(_machinery.SourceFileLoader.get_code)


class XpythonSourcelessFileLoader(_machinery.SourcelessFileLoader):
    """SourcelessFileLoader whose modules run in the xpython VM; the .pyc is
    read by xpython's own reader (a .pyc of any version)."""

    get_code = _xp.vm_get_code(None)


_LOADERS = {
    _machinery.SourceFileLoader: XpythonSourceFileLoader,
    _machinery.SourcelessFileLoader: XpythonSourcelessFileLoader,
}


class XpythonFinder:
    """Gives modules found by PathFinder a loader running them in the VM (see install_import_hook)."""

    def __init__(self, everything, roots):
        self.everything = everything
        self.roots = [_os.path.join(_os.path.realpath(r), "") for r in roots]

    def _wanted(self, origin):
        if self.everything:
            return True
        real = _os.path.realpath(origin)
        return any(real.startswith(root) for root in self.roots)

    def find_spec(self, fullname, path=None, target=None):
        spec = _machinery.PathFinder.find_spec(fullname, path, target)
        if spec is None or not spec.has_location or spec.origin is None:
            return spec
        # Only the host's own file loaders: a subclass (a custom path hook)
        # keeps its behaviour, natively.
        ours = _LOADERS.get(type(spec.loader))
        if ours is None or not self._wanted(spec.origin):
            return spec
        spec.loader = ours(spec.loader.name, spec.loader.path)
        return spec

    def invalidate_caches(self):
        pass


def install(everything, roots):
    finder = XpythonFinder(everything, roots)
    for i, f in enumerate(sys.meta_path):
        if f is _machinery.PathFinder:
            sys.meta_path.insert(i, finder)
            break
    else:
        sys.meta_path.append(finder)
    return finder
)PY";

}  // namespace

int install_import_hook(ImportMode mode, const std::vector<std::string>& roots) {
  if (mode == ImportMode::None) return 0;
  PyObject* modules = PyImport_GetModuleDict();
  if (PyDict_GetItemString(modules, "_xpython") == nullptr) {
    Ref m = steal(make_internal_module());
    if (!m) return -1;
  }
  Ref globals = steal(PyDict_New());
  if (!globals) return -1;
  if (PyDict_SetItemString(globals.get(), "__builtins__", PyEval_GetBuiltins()) < 0) return -1;
  Ref modname = steal(PyUnicode_FromString("_xpython_import"));
  if (!modname || PyDict_SetItemString(globals.get(), "__name__", modname.get()) < 0) return -1;
  Ref code = steal(Py_CompileString(kHookSource, "<xpython import hook>", Py_file_input));
  if (!code) return -1;
  Ref res = steal(PyEval_EvalCode(code.get(), globals.get(), globals.get()));
  if (!res) return -1;
  Ref root_list = steal(PyList_New(0));
  if (!root_list) return -1;
  for (const std::string& r : roots) {
    Ref s = steal(PyUnicode_DecodeFSDefault(r.c_str()));
    if (!s || PyList_Append(root_list.get(), s.get()) < 0) return -1;
  }
  PyObject* install = PyDict_GetItemString(globals.get(), "install");
  Ref finder = steal(PyObject_CallFunction(install, "OO", mode == ImportMode::All ? Py_True : Py_False,
                                           root_list.get()));
  return finder ? 0 : -1;
}

}  // namespace xp::rt
