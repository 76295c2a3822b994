"""When things happen, without Sphinx: which group an event is in on a day (``timeline``),
how its dates read in a language (``formatting``, Babel), the occurrences of a recurring
event and its rule in words (``recurrence``, ``rule_words``), and the windows and deadlines
that open and close by date (``windows``)."""
