build-fuzz/extract/census_items.o: extract/census_items.c \
  extract/census_items.h common/records.h

extract/census_items.h:

common/records.h:
