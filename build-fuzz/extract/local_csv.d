build-fuzz/extract/local_csv.o: extract/local_csv.c extract/local_csv.h \
  extract/cin_xml.h common/csvio.h common/lscb.h common/records.h

extract/local_csv.h:

extract/cin_xml.h:

common/csvio.h:

common/lscb.h:

common/records.h:
