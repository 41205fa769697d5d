#include "runtime/import_hook.h"

#include "core/error.h"
#include "core/ref.h"
#include "runtime/code_loader.h"

#include "core/version.h"
#include "pyc/pyc_file.h"

#include <climits>
#include <cstdlib>
#include <fstream>
#include <optional>

namespace xp::rt {

namespace {

// Which modules run in the VM (install_import_hook's arguments): every
// module the host's file loaders load, or those whose file is under one of
// `roots` (real paths, each ending in '/').
struct ImportScope {
  bool everything = false;
  std::vector<std::string> roots;
};
ImportScope g_scope;

std::string real_path(const std::string& p) {
  char buf[PATH_MAX];
  return realpath(p.c_str(), buf) != nullptr ? std::string(buf) : p;
}

bool wanted(PyObject* loader) {
  if (g_scope.everything) return true;
  Ref path = steal(PyObject_GetAttrString(loader, "path"));
  PyObject* raw = nullptr;
  if (!path || !PyUnicode_FSConverter(path.get(), &raw)) {
    PyErr_Clear();
    return false;
  }
  Ref encoded = steal(raw);
  const std::string real = real_path(PyBytes_AS_STRING(encoded.get()));
  for (const std::string& root : g_scope.roots)
    if (real.compare(0, root.size(), root) == 0) return true;
  return false;
}

// Whether `file` starts with a magic number xpython reads other than the
// host's own (another version, an alpha of the host's, PyPy's).
bool other_version_pyc(const char* file) {
  std::ifstream in(file, std::ios::binary);
  unsigned char bytes[2] = {};
  if (!in.read(reinterpret_cast<char*>(bytes), 2)) return false;
  const auto magic = static_cast<uint16_t>(bytes[0] | bytes[1] << 8);
  if (magic == pyc::release_magic(kHostVersion)) return false;
  const std::optional<pyc::MagicInfo> info = pyc::lookup_magic(magic);
  return info && info->supported;
}

// What a patched get_code knows (its m_self): the host's get_code it
// replaced, the loader class it is patched into, and whether that class
// loads .pyc files (which xpython's own reader then reads if they are of
// another version than the host's).
enum { kOriginal, kLoaderClass, kSourceless, kBindingSize };

// get_code(loader, fullname), in place of the host's SourceFileLoader's and
// SourcelessFileLoader's: for a loader of exactly that class whose module is
// to run in the VM, the code prepared for the VM -- the host's own get_code
// result (it reads the __pycache__ entry or compiles the source, as
// natively) with its shells made, or for a .pyc xpython's reader's -- and
// otherwise the host's result as it is. The host's exec_module then runs it
// with builtins.exec through _call_with_frames_removed exactly as natively,
// and the frame hook sends code prepared for the VM to the VM
// (vm/call.cpp). Being a C function, it adds no frame to tracebacks.
PyObject* patched_get_code(PyObject* binding, PyObject* const* args, Py_ssize_t nargs) {
  if (nargs != 2) {
    PyErr_Format(PyExc_TypeError, "get_code() takes exactly one argument (%zd given)", nargs - 1);
    return nullptr;
  }
  PyObject* original = PyTuple_GET_ITEM(binding, kOriginal);
  PyObject* loader = args[0];
  PyObject* cls = PyTuple_GET_ITEM(binding, kLoaderClass);
  const bool ours = cls == Py_None || (Py_TYPE(loader) == reinterpret_cast<PyTypeObject*>(cls) && wanted(loader));
  if (!ours) return PyObject_Vectorcall(original, args, 2, nullptr);
  if (PyTuple_GET_ITEM(binding, kSourceless) == Py_False) {
    Ref code = steal(PyObject_Vectorcall(original, args, 2, nullptr));
    if (!code || code.get() == Py_None) return code.release();
    return prepare_host_code(code.get()).release();
  }
  Ref path = steal(PyObject_CallMethod(loader, "get_filename", "O", args[1]));
  if (!path) return nullptr;
  PyObject* raw = nullptr;
  if (!PyUnicode_FSConverter(path.get(), &raw)) return nullptr;
  Ref encoded = steal(raw);
  const char* file = PyBytes_AS_STRING(encoded.get());
  if (original != Py_None && !other_version_pyc(file)) {
    // The host's own version (or what is no .pyc of a version xpython
    // knows): the host reads it, with its checks and errors.
    Ref code = steal(PyObject_Vectorcall(original, args, 2, nullptr));
    if (!code || code.get() == Py_None) return code.release();
    return prepare_host_code(code.get()).release();
  }
  try {
    return load_pyc(file).release();
  } catch (const InputError& e) {
    PyErr_Format(PyExc_ImportError, "%s", e.what());
    return nullptr;
  }
}

// One definition per use (its docstring is that of the get_code it
// replaces): SourceFileLoader's, SourcelessFileLoader's, vm_get_code's.
PyMethodDef g_get_code_defs[3] = {};

// patched_get_code bound to its knowledge, as a method (an instancemethod
// binds to the loader as a function does).
PyObject* get_code_method(PyObject* original, PyObject* cls, bool sourceless) {
  PyMethodDef* def = &g_get_code_defs[cls == Py_None ? 2 : sourceless ? 1 : 0];
  *def = {"get_code", reinterpret_cast<PyCFunction>(reinterpret_cast<void (*)()>(patched_get_code)), METH_FASTCALL,
          "get_code(fullname): the module's code object, prepared for the xpython VM"};
  // (The docstring's reference is kept for the process's life: ml_doc
  // points into it.)
  Ref doc = original != Py_None ? steal(PyObject_GetAttrString(original, "__doc__")) : Ref();
  if (doc && PyUnicode_Check(doc.get())) {
    def->ml_doc = PyUnicode_AsUTF8(doc.get());
    if (def->ml_doc != nullptr) static_cast<void>(doc.release());
  }
  PyErr_Clear();
  Ref binding = steal(PyTuple_Pack(kBindingSize, original, cls, sourceless ? Py_True : Py_False));
  if (!binding) return nullptr;
  Ref func = steal(PyCFunction_NewEx(def, binding.get(), nullptr));
  if (!func) return nullptr;
  return PyInstanceMethod_New(func.get());
}

// Replaces `cls.get_code` by patched_get_code.
int patch_loader_class(PyObject* machinery, const char* name, bool sourceless) {
  Ref cls = steal(PyObject_GetAttrString(machinery, name));
  if (!cls) return -1;
  Ref original = steal(PyObject_GetAttrString(cls.get(), "get_code"));
  if (!original) return -1;
  if (PyInstanceMethod_Check(original.get())) return 0;   // patched already
  Ref method = steal(get_code_method(original.get(), cls.get(), sourceless));
  if (!method) return -1;
  return PyObject_SetAttrString(cls.get(), "get_code", method.get());
}

}  // namespace

PyObject* vm_get_code_method(PyObject* original) {
  return get_code_method(original, Py_None, original == Py_None);
}

int install_import_hook(ImportMode mode, const std::vector<std::string>& roots) {
  if (mode == ImportMode::None) return 0;
  g_scope.everything = mode == ImportMode::All;
  g_scope.roots.clear();
  for (const std::string& r : roots) {
    std::string root = real_path(r);
    if (root.empty() || root.back() != '/') root += '/';
    g_scope.roots.push_back(root);
  }
  Ref machinery = steal(PyImport_ImportModule("importlib.machinery"));
  if (!machinery) return -1;
  if (patch_loader_class(machinery.get(), "SourceFileLoader", false) < 0) return -1;
  return patch_loader_class(machinery.get(), "SourcelessFileLoader", true);
}

}  // namespace xp::rt
