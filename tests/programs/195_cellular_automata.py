# Simulations on grids: Conway's Game of Life (glider, blinker, using sets
# of coordinates and sorted output), elementary cellular automaton rule 30
# and 110, a seeded random walk (random.Random(seed) is deterministic), and
# Langton's ant.
import random


def life_step(cells):
    counts = {}
    for (r, c) in cells:
        for dr in (-1, 0, 1):
            for dc in (-1, 0, 1):
                if dr or dc:
                    counts[(r + dr, c + dc)] = counts.get((r + dr, c + dc), 0) + 1
    return {p for p, n in counts.items() if n == 3 or (n == 2 and p in cells)}


def render(cells, rows, cols):
    return "\n".join("".join("#" if (r, c) in cells else "." for c in range(cols)) for r in range(rows))


glider = {(0, 1), (1, 2), (2, 0), (2, 1), (2, 2)}
state = set(glider)
for gen in range(5):
    print(f"generation {gen}:")
    print(render(state, 6, 6))
    state = life_step(state)
shifted = {(r + 1, c + 1) for r, c in glider}
for _ in range(4):
    glider = life_step(glider)
print("glider moved diagonally by one after 4 steps:", glider == shifted, sorted(glider))
blinker = {(1, 0), (1, 1), (1, 2)}
print("blinker period 2:", life_step(life_step(blinker)) == blinker, sorted(life_step(blinker)))


def elementary(rule, width=31, steps=12):
    row = [0] * width
    row[width // 2] = 1
    out = []
    for _ in range(steps):
        out.append("".join("█" if v else " " for v in row).rstrip())
        row = [(rule >> (row[(i - 1) % width] << 2 | row[i] << 1 | row[(i + 1) % width])) & 1 for i in range(width)]
    return out


print("\n".join(elementary(30)))
print("\n".join(elementary(110, 24, 8)))
rng = random.Random(12345)
pos, visited = (0, 0), {(0, 0)}
moves = {"N": (0, 1), "S": (0, -1), "E": (1, 0), "W": (-1, 0)}
path = []
for _ in range(200):
    d = rng.choice("NSEW")
    path.append(d)
    pos = (pos[0] + moves[d][0], pos[1] + moves[d][1])
    visited.add(pos)
print("random walk:", "".join(path[:40]), "end", pos, "distinct cells", len(visited))
print("seeded values:", [rng.randint(1, 100) for _ in range(5)], round(rng.random(), 10), rng.sample(range(20), 4))
deck = list(range(10))
random.Random(7).shuffle(deck)
print("seeded shuffle:", deck)
ant, heading, black = (0, 0), 0, set()
dirs = [(0, -1), (1, 0), (0, 1), (-1, 0)]
for step in range(1100):
    if ant in black:
        heading = (heading - 1) % 4
        black.remove(ant)
    else:
        heading = (heading + 1) % 4
        black.add(ant)
    ant = (ant[0] + dirs[heading][0], ant[1] + dirs[heading][1])
xs = [x for x, _ in black]
ys = [y for _, y in black]
print("Langton's ant after 1100 steps:", len(black), "black cells, bounding box", (min(xs), min(ys), max(xs), max(ys)), "ant at", ant)
for y in range(min(ys), max(ys) + 1):
    print("".join("#" if (x, y) in black else "." for x in range(min(xs), max(xs) + 1)))
