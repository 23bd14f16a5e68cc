"""Questions asked of the graph as a network (networkx): one function per question.

- :mod:`~ccin_kg.analyse.graph_view` loads the network
  (``ccin_kg.export.network.to_networkx``, membership as node attributes)
  and reads its edges;
- :mod:`~ccin_kg.analyse.centrality`: degree and betweenness leaders by type;
- :mod:`~ccin_kg.analyse.communities`: Louvain communities, seeded;
- :mod:`~ccin_kg.analyse.affiliates`: the affiliates that connect the most councils;
- :mod:`~ccin_kg.analyse.isolated`: entities with no relation;
- :mod:`~ccin_kg.analyse.paths`: shortest connections, hop by hop with their sentences;
- :mod:`~ccin_kg.analyse.names`: what a user typed → a node;
- :mod:`~ccin_kg.analyse.report`: all of the above as one report.
"""
