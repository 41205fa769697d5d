# heapq and bisect with interpreted comparison and key functions, json
# round-trips with formatting options, and a priority-queue scheduler.
import bisect
import heapq
import json

nums = [9, 4, 7, 1, 8, 2, 6]
heapq.heapify(nums)
print(nums[0], [heapq.heappop(nums) for _ in range(3)], sorted(nums))
h = []
for word in ["pear", "fig", "apple", "kiwi"]:
    heapq.heappush(h, (len(word), word))
print(heapq.heappushpop(h, (2, "ab")), heapq.heapreplace(h, (9, "z")), sorted(h))
print(heapq.nsmallest(3, [5, 1, 4, 2, 3]), heapq.nlargest(2, ["bb", "a", "ccc"], key=len), list(heapq.merge([1, 3, 5], [2, 4], [0])))
print(list(heapq.merge(["b", "d"], ["a", "c"], key=str.upper)), list(heapq.merge([5, 3], [4, 1], reverse=True)))


class Task:
    def __init__(self, prio, name):
        self.prio, self.name = prio, name

    def __lt__(self, other):
        return (self.prio, self.name) < (other.prio, other.name)


pq = []
for p, n in [(3, "write"), (1, "plan"), (2, "code"), (1, "coffee")]:
    heapq.heappush(pq, Task(p, n))
print([heapq.heappop(pq).name for _ in range(4)])
grades = [60, 70, 80, 90]
letters = "FDCBA"
print([letters[bisect.bisect(grades, s)] for s in [33, 60, 75, 89, 90, 100]])
sl = []
for v in [5, 1, 4, 1, 3]:
    bisect.insort(sl, v)
print(sl, bisect.bisect_left(sl, 1), bisect.bisect_right(sl, 1), bisect.bisect_left(sl, 10))
records = [("ann", 25), ("bob", 31), ("cy", 40)]
print(bisect.bisect_left(records, 31, key=lambda r: r[1]), bisect.bisect(records, 30, key=lambda r: r[1]))
bisect.insort(records, ("dee", 35), key=lambda r: r[1])
print(records)
data = {"name": "Widget", "tags": ["a", "b"], "price": 9.99, "stock": None, "active": True, "dims": {"w": 1, "h": 2.5},
        "unicode": "ünï", "nested": [[1, [2, [3]]]]}
compact = json.dumps(data, separators=(",", ":"), sort_keys=True)
print(compact)
print(json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False).splitlines()[:6])
print(json.loads(compact) == data, json.loads("[1, 2.5, \"x\", null, true, {\"a\": []}]"))
print(json.dumps("ü\n\t\"", ensure_ascii=True), json.dumps([float("inf"), float("nan")]), json.dumps({1: "int key", True: "bool"}))
for bad in ['{"a": }', "[1, 2", "{'single': 1}", "NaNa"]:
    try:
        json.loads(bad)
    except json.JSONDecodeError as e:
        print("JSONDecodeError", e.msg, e.lineno, e.colno)
try:
    json.dumps({(1, 2): "tuple key"})
except TypeError as e:
    print("TypeError", e)
try:
    json.dumps([float("nan")], allow_nan=False)
except ValueError as e:
    print("ValueError", e)
decoder = json.JSONDecoder(object_pairs_hook=lambda pairs: [k for k, _ in pairs])
print(decoder.decode('{"z": 1, "a": 2, "m": 3}'), json.loads("1e400"), json.loads("123456789012345678901234567890"))


def schedule(jobs):
    time, events, ready = 0, [], []
    jobs = sorted(jobs)
    i = 0
    while i < len(jobs) or ready:
        while i < len(jobs) and jobs[i][0] <= time:
            arrival, duration, name = jobs[i]
            heapq.heappush(ready, (duration, name))
            i += 1
        if not ready:
            time = jobs[i][0]
            continue
        duration, name = heapq.heappop(ready)
        events.append(f"t={time}:{name}")
        time += duration
    return events


print(schedule([(0, 5, "A"), (1, 2, "B"), (2, 1, "C"), (10, 1, "D")]))
