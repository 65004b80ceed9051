"""Read a castgraph export back with NetworkX and print what it holds as JSON.

Usage: read_back.py graphml|gexf|json FILE

Prints {"nodes": {id: {attr: value}}, "edges": [[u, v, {attr: value}], ...],
"directed": bool} so that the Rust test can compare it with castgraph's own
graph and scores.
"""
import json
import sys

import networkx as nx


def main():
    kind, path = sys.argv[1], sys.argv[2]
    if kind == "graphml":
        g = nx.read_graphml(path)
    elif kind == "gexf":
        g = nx.read_gexf(path)
    elif kind == "json":
        with open(path, encoding="utf-8") as f:
            g = nx.node_link_graph(json.load(f), edges="links")
    else:
        raise SystemExit(f"unknown kind {kind}")
    out = {
        "directed": g.is_directed(),
        "multigraph": g.is_multigraph(),
        "nodes": {str(n): dict(d) for n, d in g.nodes(data=True)},
        "edges": [[str(u), str(v), {k: val for k, val in d.items() if k != "id"}] for u, v, d in g.edges(data=True)],
    }
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
