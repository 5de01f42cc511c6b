# flag-lock.s: a "lock" made of a plain word. It does not work: reading the flag and setting it
# are two instructions, so two threads can both see 0 and both go in.
#   npm run --silent ostep -- x86 -p flag-lock.s -t 2 -a cx=2 -M held,counter -i 3 -c
.var held
.var counter
.main
.again
.spin
mov  held, %ax      # is it taken?
test $0, %ax
jne  .spin          # taken: look again
mov  $1, held       # take it (too late if we were interrupted since the test)
mov  counter, %ax   # critical section: counter++
add  $1, %ax
mov  %ax, counter
mov  $0, held       # give it back
sub  $1, %cx
test $0, %cx
jgt  .again
halt
