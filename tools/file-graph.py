#!/usr/bin/env python3
"""Which file of a C folder (default dlls/ws2_32) calls which, for issue 14's
"one device layer, no circle among the core files".

A file calls another when it names, followed by "(", a non-static function
that the other defines (exported Winsock calls such as getsockname count
too: a file that calls one depends on the file that implements it).
Prints the number of files and of file-to-file edges, the loops (strongly
connected components of more than one file), the layers of the graph with
each loop taken as one node (a file that calls nothing is layer 0), and the
edges inside the loops, which are what has to go for the files to stack.
-v lists those edges with the functions behind each.

Usage: python3 tools/file-graph.py [folder] [-v]"""
import re, sys, os, collections
args = [a for a in sys.argv[1:] if a != '-v']
root = args[0] if args else 'dlls/ws2_32'
files = sorted(f for f in os.listdir(root) if f.endswith('.c'))
def strip(src):
    src = re.sub(r'/\*.*?\*/', ' ', src, flags=re.S)
    src = re.sub(r'//[^\n]*', ' ', src)
    src = re.sub(r'"(\\.|[^"\\])*"', '""', src)
    return src
defs = {}
text = {}
for f in files:
    s = strip(open(os.path.join(root, f)).read())
    text[f] = s
    for m in re.finditer(r'^(?!static)[A-Za-z_][\w \*]*?\b(\w+)\s*\([^;{]*\)\s*\{', s, flags=re.M):
        name = m.group(1)
        if name in ('if', 'while', 'for', 'switch'): continue
        defs.setdefault(name, f)
edges = collections.defaultdict(set)
for f in files:
    for ident in set(re.findall(r'\b(\w+)\s*\(', text[f])):
        g = defs.get(ident)
        if g and g != f: edges[f].add(g)
# Tarjan SCC
index = {}; low = {}; stack = []; on = set(); sccs = []; i = [0]
def visit(v):
    index[v] = low[v] = i[0]; i[0] += 1; stack.append(v); on.add(v)
    for w in edges[v]:
        if w not in index: visit(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], index[w])
    if low[v] == index[v]:
        comp = []
        while True:
            w = stack.pop(); on.discard(w); comp.append(w)
            if w == v: break
        sccs.append(sorted(comp))
sys.setrecursionlimit(10000)
for f in files:
    if f not in index: visit(f)
comp_of = {f: k for k, c in enumerate(sccs) for f in c}
# layer: longest path to a sink in the condensed graph
cedges = collections.defaultdict(set)
for f in files:
    for g in edges[f]:
        if comp_of[f] != comp_of[g]: cedges[comp_of[f]].add(comp_of[g])
layer = {}
def depth(c):
    if c in layer: return layer[c]
    layer[c] = 0
    layer[c] = 1 + max((depth(d) for d in cedges[c]), default=-1)
    return layer[c]
for c in range(len(sccs)): depth(c)
loops = [c for c in sccs if len(c) > 1]
print('files: %d, calls between files: %d' % (len(files), sum(len(e) for e in edges.values())))
print('layers: %d' % (1 + max(layer.values())))
print('loops: %d' % len(loops))
for c in loops: print('  loop of %d: %s' % (len(c), ' '.join(c)))
back = sum(1 for c in loops for f in c for g in edges[f] if g in c)
print('calls inside loops: %d' % back)
if '-v' in sys.argv:
    for c in loops:
        for f in c:
            for g in sorted(edges[f] & set(c)):
                names = sorted(n for n in set(re.findall(r'\b(\w+)\s*\(', text[f])) if defs.get(n) == g)
                print('    %s -> %s: %s' % (f, g, ' '.join(names)))
