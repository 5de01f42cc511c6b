# racy-counter.s: every thread adds 1 to the shared word `counter`, %cx times.
# counter++ is three instructions (load, add, store); an interrupt between them loses updates.
#   npm run --silent ostep -- x86 -p racy-counter.s -t 2 -a cx=2 -M counter -R ax,cx -i 2 -c
.var counter
.main
.again
mov  counter, %ax   # load
add  $1, %ax        # add
mov  %ax, counter   # store
sub  $1, %cx        # one fewer to go
test $0, %cx
jgt  .again         # cx > 0: go again
halt
