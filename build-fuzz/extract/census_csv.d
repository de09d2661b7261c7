build-fuzz/extract/census_csv.o: extract/census_csv.c \
  extract/census_csv.h extract/cin_xml.h common/csvio.h common/lscb.h \
  common/records.h extract/census_items.h

extract/census_csv.h:

extract/cin_xml.h:

common/csvio.h:

common/lscb.h:

common/records.h:

extract/census_items.h:
