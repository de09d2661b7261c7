build-fuzz/synth/synth.o: synth/synth.c synth/synth.h common/lscb.h \
  common/csvio.h common/date.h

synth/synth.h:

common/lscb.h:

common/csvio.h:

common/date.h:
