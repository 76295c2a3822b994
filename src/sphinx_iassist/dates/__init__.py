"""When things happen, without Sphinx: which group an event is in on a day (``timeline``),
how its dates read in a language (``formatting``, Babel), the occurrences of a recurring
event and its rule in words (``recurrence``, ``rule_words``), the windows that open and
close by date and the time left before them (``windows``), and the deadlines a list shows
(``deadlines``)."""
