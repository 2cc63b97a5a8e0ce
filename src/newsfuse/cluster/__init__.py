"""Cluster stage: articles from a stream grouped into events, events into developing stories.

Pure: features in, event and story assignments and merge records out;
persistence is :mod:`newsfuse.store.stories`. Entry point:
:class:`StreamClusterer` (``place`` one article at a time, ``restore`` a stored
assignment, ``assignments`` for every article's event and story).
"""

from newsfuse.cluster.events import ClusterParams, EventClusterer
from newsfuse.cluster.groups import Merge
from newsfuse.cluster.features import ArticleFeatures, extract_features
from newsfuse.cluster.stories import StoryLinker, StoryParams
from newsfuse.cluster.stream import Placement, StreamClusterer

__all__ = [
    "ArticleFeatures", "ClusterParams", "EventClusterer", "Merge", "Placement", "StoryLinker", "StoryParams",
    "StreamClusterer", "extract_features",
]
