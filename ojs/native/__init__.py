"""OJS Native XML: checking an export against each OJS version's schema,
reading it as a stream of plain records, and writing one."""
