/* where.c: where do a program's variables live?  (Chapter 1, Programs and processes)
 *
 * Prints the address of a global, a static, a string literal, a heap block, a local and a
 * function, then this process's own memory map from /proc/self/maps, so you can find each
 * address in one of the map's lines.
 *
 *   gcc -O0 -o where where.c && ./where
 *
 * Linux only (it reads /proc). Addresses change from run to run: address-space layout
 * randomisation moves the regions each time a program is exec'd. */
#include <stdio.h>
#include <stdlib.h>

int initialised = 3;          /* a global with a value: .data  */
static int zeroed;            /* a static without one:  .bss   */

int main(void) {
    const char *literal = "hello";          /* the characters: .rodata           */
    int local = 7;                          /* on the stack                       */
    int *block = malloc(sizeof *block);     /* on the heap                        */
    if (block == NULL) return 1;
    *block = 42;

    printf("main()          %p   text (code)\n", (void *)main);
    printf("\"hello\"         %p   read-only data\n", (void *)literal);
    printf("initialised     %p   data (initialised globals)\n", (void *)&initialised);
    printf("zeroed          %p   bss (zero-initialised)\n", (void *)&zeroed);
    printf("*block          %p   heap (malloc)\n", (void *)block);
    printf("local           %p   stack\n", (void *)&local);
    printf("\n/proc/self/maps:\n");

    FILE *maps = fopen("/proc/self/maps", "r");
    if (maps == NULL) { perror("/proc/self/maps"); return 1; }
    char line[512];
    while (fgets(line, sizeof line, maps) != NULL) fputs(line, stdout);
    fclose(maps);
    free(block);
    return zeroed + local - 7;                /* 0: uses every variable once more */
}
