"""Float arithmetic without calls: escape-time iteration of the Mandelbrot
set over a grid, written with plain floats (no complex type), plus a
character rendering of a coarse version of the picture."""


def escape_count(cr, ci, limit):
    zr = zi = 0.0
    for k in range(limit):
        zr2 = zr * zr
        zi2 = zi * zi
        if zr2 + zi2 > 4.0:
            return k
        zi = 2.0 * zr * zi + ci
        zr = zr2 - zi2 + cr
    return limit


def render(width, height, limit):
    rows = []
    total = 0
    for y in range(height):
        ci = -1.2 + 2.4 * y / height
        row = []
        for x in range(width):
            cr = -2.1 + 3.0 * x / width
            k = escape_count(cr, ci, limit)
            total += k
            row.append(" .:-=+*#%@"[k * 9 // limit])
        rows.append("".join(row))
    return rows, total


def main():
    rows, total = render(700, 350, 160)
    for r in rows[::35]:
        print(r[::10])
    print("checksum", total)


main()
