# test-and-set.s: a spin lock on xchg, which reads the old value and writes 1 in one step.
# Whatever the interleaving, one thread at a time is between the xchg that got 0 and the release.
#   npm run --silent ostep -- x86 -p test-and-set.s -t 2 -a cx=2 -M held,counter -i 3 -c
.var held
.var counter
.main
.again
.spin
mov  $1, %ax
xchg %ax, held      # atomically: ax = old held, held = 1
test $0, %ax
jne  .spin          # it was 1: someone holds it, try again
mov  counter, %bx   # critical section: counter++
add  $1, %bx
mov  %bx, counter
mov  $0, held       # release
sub  $1, %cx
test $0, %cx
jgt  .again
halt
