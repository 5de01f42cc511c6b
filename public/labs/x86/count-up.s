# count-up.s: one thread counts %ax up from 0 until it reaches %bx.
# A loop in three instructions: add, compare, jump back while below the limit.
#   npm run --silent ostep -- x86 -p count-up.s -t 1 -a bx=3 -R ax,bx -C -c
.main
mov  $0, %ax
.next
add  $1, %ax        # ax = ax + 1
test %bx, %ax       # compare ax with bx
jlt  .next          # ax < bx: once more
halt
