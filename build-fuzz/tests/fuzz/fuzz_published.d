build-fuzz/tests/fuzz/fuzz_published.o: tests/fuzz/fuzz_published.c \
  stats/population.h common/lscb.h stats/published.h

stats/population.h:

common/lscb.h:

stats/published.h:
