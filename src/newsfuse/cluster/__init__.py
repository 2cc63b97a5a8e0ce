"""Cluster stage: articles from a stream grouped into stories (one event each).

Pure: features in, story assignments and merge records out; persistence is
:mod:`newsfuse.store.stories`.
"""

from newsfuse.cluster.features import ArticleFeatures, extract_features
from newsfuse.cluster.stream import ClusterParams, Merge, Placement, StreamClusterer

__all__ = [
    "ArticleFeatures", "ClusterParams", "Merge", "Placement", "StreamClusterer",
    "extract_features",
]
