#!/usr/bin/env python3
"""Writes N plain-text articles of made-up news into a folder, with a fixed seed: input for the
kill and load scripts (not for measuring accuracy: the gold set is real text).

    python3 scripts/gen_articles.py OUT_DIR N [SEED]
"""
import datetime
import os
import random
import sys

PEOPLE = ["Maria Keller", "John Osei", "Ana Lima", "Wei Chen", "Omar Haddad", "Sofia Rossi"]
PLACES = ["Lisbon", "Nairobi", "Toronto", "Osaka", "Lyon", "Quito", "Perth", "Bergen"]
BODIES = ["the city council", "the port authority", "the health ministry", "the central bank"]
VERBS = ["approved", "rejected", "delayed", "announced", "reviewed", "funded"]
THINGS = ["a new bridge", "the water plan", "school repairs", "a rail link", "the budget",
          "a housing scheme", "flood defences", "bus lanes"]


def sentence(rng):
    n = rng.randint(2, 900)
    kind = rng.randrange(4)
    if kind == 0:
        return f"{rng.choice(BODIES).capitalize()} {rng.choice(VERBS)} {rng.choice(THINGS)} worth {n} million dollars on {rng.choice(['Monday', 'Tuesday', 'Friday'])}."
    if kind == 1:
        return f"\"We expect {rng.choice(THINGS)} to be ready within {n % 30 + 2} months,\" said {rng.choice(PEOPLE)}."
    if kind == 2:
        return f"About {n},{rng.randint(100, 999)} residents of {rng.choice(PLACES)} are affected, officials said."
    return f"{rng.choice(PEOPLE)} told reporters in {rng.choice(PLACES)} that {rng.choice(THINGS)} had been {rng.choice(VERBS)}."


def main():
    out, n = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 42)
    os.makedirs(out, exist_ok=True)
    start = datetime.date(2021, 1, 1)
    for i in range(n):
        day = start + datetime.timedelta(days=rng.randrange(1000))
        paras = ["\n".join([" ".join(sentence(rng) for _ in range(rng.randint(2, 5)))])
                 for _ in range(rng.randint(4, 9))]
        title = f"{rng.choice(PLACES)}: {rng.choice(BODIES)} {rng.choice(VERBS)} {rng.choice(THINGS)}"
        text = f"{title}\n{day.isoformat()}\nBy {rng.choice(PEOPLE)}\n\n" + "\n\n".join(paras) + "\n"
        with open(os.path.join(out, f"gen_{i:06d}.txt"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
