# Deleting variables that live in cells (captured by inner functions): the
# del statement on a cell (DELETE_DEREF), reading it afterwards from the
# owning function and from the closure, re-binding after deletion, and
# deleting a nonlocal from inside the closure.


def owner_deletes():
    value = "initial"

    def reader():
        return value

    print("before del:", reader())
    del value
    try:
        reader()
    except NameError as e:
        print("closure after del:", type(e).__name__, e)
    try:
        print(value)
    except UnboundLocalError as e:
        print("owner after del:", type(e).__name__, e)
    value = "rebound"
    print("after rebinding:", reader())


def closure_deletes():
    counter = 3

    def drop():
        nonlocal counter
        print("dropping", counter)
        del counter

    def peek():
        try:
            return counter
        except NameError as e:
            return "unbound (%s)" % type(e).__name__

    print("peek:", peek())
    drop()
    print("peek:", peek())
    try:
        drop()
    except NameError as e:
        print("second drop:", type(e).__name__, e)


def delete_in_loop():
    results = []
    for i in range(3):
        item = i * 10

        def show():
            return item

        results.append(show())
        del item
        try:
            show()
        except NameError:
            results.append("gone")
    print(results)


class Holder:
    def method(self):
        cached = [1, 2, 3]
        get = lambda: len(cached)
        print("len via lambda:", get())
        del cached
        try:
            get()
        except NameError as e:
            print("lambda after del:", e)


owner_deletes()
closure_deletes()
delete_in_loop()
Holder().method()
