# peterson.s: Peterson's algorithm for two threads, with loads and stores only (no atomic
# instruction). Thread id in %bx (0 or 1), rounds in %cx; wants[0] and wants[1] are the words
# 2000 and 2001, and `turn` says who yields.
#   npm run --silent ostep -- x86 -p peterson.s -t 2 -a bx=0:cx=2,bx=1:cx=2 -M 2000,2001,turn,counter -i 2 -c
.var turn
.var counter
.main
mov  $1, %dx
sub  %bx, %dx       # dx = 1 - self: the other thread
.again
mov  $1, 2000(%bx)  # wants[self] = 1
mov  %dx, turn      # turn = other: after you
.wait
mov  2000(%dx), %ax # does the other want in?
test $1, %ax
jne  .enter         # no: go in
mov  turn, %ax
test %dx, %ax
je   .wait          # yes, and it is its turn: wait
.enter
mov  counter, %ax   # critical section: counter++
add  $1, %ax
mov  %ax, counter
mov  $0, 2000(%bx)  # wants[self] = 0
sub  $1, %cx
test $0, %cx
jgt  .again
halt
