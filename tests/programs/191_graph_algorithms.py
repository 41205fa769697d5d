# Graph algorithms on small fixed graphs: BFS/DFS orders, Dijkstra with
# heapq, topological sort (Kahn), union-find connected components, cycle
# detection, and Floyd-Warshall; all outputs sorted/deterministic.
import heapq
from collections import deque, defaultdict

edges = [("A", "B", 4), ("A", "C", 2), ("B", "C", 5), ("B", "D", 10), ("C", "E", 3), ("E", "D", 4), ("D", "F", 11),
         ("E", "F", 20), ("G", "H", 1)]
graph = defaultdict(list)
for u, v, w in edges:
    graph[u].append((v, w))
    graph[v].append((u, w))
for k in graph:
    graph[k].sort()


def bfs(start):
    seen, order, q = {start}, [], deque([start])
    while q:
        node = q.popleft()
        order.append(node)
        for nxt, _ in graph[node]:
            if nxt not in seen:
                seen.add(nxt)
                q.append(nxt)
    return order


def dfs(start, seen=None):
    seen = set() if seen is None else seen
    seen.add(start)
    out = [start]
    for nxt, _ in graph[start]:
        if nxt not in seen:
            out += dfs(nxt, seen)
    return out


def dijkstra(src):
    dist = {src: 0}
    prev = {}
    pq = [(0, src)]
    while pq:
        d, u = heapq.heappop(pq)
        if d > dist.get(u, float("inf")):
            continue
        for v, w in graph[u]:
            nd = d + w
            if nd < dist.get(v, float("inf")):
                dist[v] = nd
                prev[v] = u
                heapq.heappush(pq, (nd, v))
    return dist, prev


def path(prev, target):
    out = [target]
    while out[-1] in prev:
        out.append(prev[out[-1]])
    return out[::-1]


print("BFS from A:", bfs("A"))
print("DFS from A:", dfs("A"))
dist, prev = dijkstra("A")
print("distances:", sorted(dist.items()))
print("path A->F:", path(prev, "F"), "cost", dist["F"])
print("unreachable H:", "H" in dist)

deps = {"app": ["lib", "utils"], "lib": ["core"], "utils": ["core", "log"], "core": [], "log": [], "tests": ["app"]}


def topo(d):
    indeg = {k: 0 for k in d}
    for k, vs in d.items():
        for v in vs:
            indeg[k] += 1
    rev = defaultdict(list)
    for k, vs in d.items():
        for v in vs:
            rev[v].append(k)
    ready = sorted(k for k, n in indeg.items() if n == 0)
    order = []
    while ready:
        n = ready.pop(0)
        order.append(n)
        for m in sorted(rev[n]):
            indeg[m] -= 1
            if indeg[m] == 0:
                ready.append(m)
                ready.sort()
    if len(order) != len(d):
        raise ValueError("cycle detected")
    return order


print("build order:", topo(deps))
try:
    topo({"a": ["b"], "b": ["a"]})
except ValueError as e:
    print("ValueError", e)


class DSU:
    def __init__(self, items):
        self.parent = {i: i for i in items}
        self.rank = {i: 0 for i in items}

    def find(self, x):
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.rank[ra] < self.rank[rb]:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.rank[ra] += self.rank[ra] == self.rank[rb]
        return True


dsu = DSU("ABCDEFGHI")
for u, v, _ in edges:
    dsu.union(u, v)
groups = defaultdict(list)
for n in "ABCDEFGHI":
    groups[dsu.find(n)].append(n)
print("components:", sorted(sorted(g) for g in groups.values()))
mst, total = [], 0
dsu2 = DSU("ABCDEFGH")
for u, v, w in sorted(edges, key=lambda e: (e[2], e[0], e[1])):
    if dsu2.union(u, v):
        mst.append((u, v, w))
        total += w
print("Kruskal MST:", mst, "weight", total)
nodes = sorted(graph)
INF = float("inf")
fw = {(a, b): (0 if a == b else INF) for a in nodes for b in nodes}
for u, v, w in edges:
    fw[u, v] = min(fw[u, v], w)
    fw[v, u] = min(fw[v, u], w)
for k in nodes:
    for i in nodes:
        for j in nodes:
            if fw[i, k] + fw[k, j] < fw[i, j]:
                fw[i, j] = fw[i, k] + fw[k, j]
for a in nodes[:6]:
    print(a, " ".join(f"{fw[a, b]:>3}" if fw[a, b] != INF else "  -" for b in nodes))
