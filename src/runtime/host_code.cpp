#include "runtime/host_code.h"

#include "core/error.h"

namespace xp::rt {

namespace {

std::vector<Ref> tuple_items(PyObject* t) {
  std::vector<Ref> out;
  if (t == nullptr || !PyTuple_Check(t)) return out;
  for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(t); ++i) out.push_back(borrow(PyTuple_GET_ITEM(t, i)));
  return out;
}

std::string bytes_attr(PyObject* code, const char* name) {
  Ref b = steal(PyObject_GetAttrString(code, name));
  if (!b || !PyBytes_Check(b.get())) {
    PyErr_Clear();
    return {};
  }
  return std::string(PyBytes_AS_STRING(b.get()), static_cast<size_t>(PyBytes_GET_SIZE(b.get())));
}

}  // namespace

std::shared_ptr<Code> code_from_host(PyObject* obj) {
  if (obj == nullptr || !PyCode_Check(obj)) throw InputError("not a code object");
  auto* co = reinterpret_cast<PyCodeObject*>(obj);
  auto code = std::make_shared<Code>();
  code->version = kHostVersion;
  code->argcount = co->co_argcount;
  code->posonlyargcount = co->co_posonlyargcount;
  code->kwonlyargcount = co->co_kwonlyargcount;
  code->nlocals = co->co_nlocals;
  code->stacksize = co->co_stacksize;
  code->flags = static_cast<uint32_t>(co->co_flags);
  code->firstlineno = co->co_firstlineno;
  code->code = bytes_attr(obj, "co_code");   // de-specialised bytes, caches zeroed
  code->linetable = bytes_attr(obj, "co_linetable");
  code->exceptiontable = bytes_attr(obj, "co_exceptiontable");
  for (Ref& c : tuple_items(co->co_consts)) {
    Const k;
    if (PyCode_Check(c.get()))
      k.code = code_from_host(c.get());
    else
      k.obj = c;
    code->consts.push_back(std::move(k));
  }
  code->names = tuple_items(co->co_names);
  code->localsplusnames = tuple_items(co->co_localsplusnames);
  code->localspluskinds.assign(PyBytes_AS_STRING(co->co_localspluskinds),
                               static_cast<size_t>(PyBytes_GET_SIZE(co->co_localspluskinds)));
  for (size_t i = 0; i < code->localsplusnames.size(); ++i) {
    const auto kind = static_cast<uint8_t>(code->localspluskinds[i]);
    if (kind & kLocalLocal) code->varnames.push_back(code->localsplusnames[i]);
    if (kind & kLocalCell) code->cellvars.push_back(code->localsplusnames[i]);
    if (kind & kLocalFree) code->freevars.push_back(code->localsplusnames[i]);
  }
  code->filename = borrow(co->co_filename);
  code->name = borrow(co->co_name);
  code->qualname = borrow(co->co_qualname);
  return code;
}

}  // namespace xp::rt
