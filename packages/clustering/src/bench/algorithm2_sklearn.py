"""Naive Algorithm 2 with scikit-learn's KMeans, for the ksub clustering benchmark.

Usage: python3 algorithm2_sklearn.py DATA.npy M K SEED MAX_ITER TOL
Same rule as ksub's clustered allocator: level j clusters each group sharing the first j-1 codes
into M (a group of at most M rows gives each row its own code); the last level is not clustered.
Prints one JSON line: seconds, inertia (sum of within-cluster squared distances over the clustered
levels), peak RSS in MB.
"""
import json, resource, sys, time
import numpy as np
from sklearn.cluster import KMeans

path, m, k, seed, max_iter, tol = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), float(sys.argv[6])
X = np.load(path)
start = time.time()
groups = [np.arange(X.shape[0])]
inertia = 0.0
rng = np.random.RandomState(seed)
for level in range(k - 1):
    nxt = []
    for g in groups:
        if len(g) <= m:
            labels = np.arange(len(g))
        else:
            km = KMeans(n_clusters=m, n_init=1, max_iter=max_iter, tol=tol, random_state=rng.randint(2**31 - 1), algorithm='lloyd').fit(X[g])
            labels = km.labels_
            inertia += float(km.inertia_)
        for c in np.unique(labels):
            nxt.append(g[labels == c])
    groups = nxt
seconds = time.time() - start
print(json.dumps({"seconds": seconds, "inertia": inertia, "peakMB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "largest": int(max(len(g) for g in groups))}))
