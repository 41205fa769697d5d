"""Method calls and attribute access: a small class hierarchy (a vector and
a particle that owns two vectors) with instance attributes, methods calling
methods, a property, a classmethod, super() and operator dunders."""


class Vec:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def add(self, other):
        return Vec(self.x + other.x, self.y + other.y)

    def scale(self, k):
        return Vec(self.x * k, self.y * k)

    def dot(self, other):
        return self.x * other.x + self.y * other.y

    def __add__(self, other):
        return self.add(other)

    @property
    def norm1(self):
        return abs(self.x) + abs(self.y)

    @classmethod
    def zero(cls):
        return cls(0, 0)


class Particle:
    count = 0

    def __init__(self, pos, vel):
        self.pos = pos
        self.vel = vel
        Particle.count += 1

    def step(self):
        self.pos = self.pos + self.vel
        if self.pos.x > 1000 or self.pos.x < -1000:
            self.vel = Vec(-self.vel.x, self.vel.y)
        if self.pos.y > 1000 or self.pos.y < -1000:
            self.vel = Vec(self.vel.x, -self.vel.y)

    def energy(self):
        return self.vel.dot(self.vel)


class HeavyParticle(Particle):
    def __init__(self, pos, vel, mass):
        super().__init__(pos, vel)
        self.mass = mass

    def energy(self):
        return self.mass * super().energy()


def main():
    parts = []
    for i in range(50):
        pos = Vec(i * 7 % 13 - 6, i * 5 % 11 - 5)
        vel = Vec(i % 7 - 3, i % 5 - 2)
        if i % 3 == 0:
            parts.append(HeavyParticle(pos, vel, i % 4 + 1))
        else:
            parts.append(Particle(pos, vel))
    total = Vec.zero()
    energy = 0
    for _ in range(30000):
        for p in parts:
            p.step()
            energy += p.energy()
        total = total.add(parts[_ % len(parts)].pos.scale(2))
    print("particles", Particle.count)
    print("energy", energy)
    print("total", total.x, total.y, total.norm1)
    print("checksum", (energy * 7 + total.norm1) % 1000000007)


main()
