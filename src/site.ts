/**
 * Site settings, in one place. Layouts, pages and the edit links read these; change the
 * repository here and every "Edit this page" and "Contributing" link follows.
 */
export const site = {
  title: 'Processes, Step by Step',
  description:
    'An interactive textbook on how an operating system runs programs: processes, scheduling, ' +
    'context switches, fork and exec, threads, and what they mean for real servers and databases.',
  repoUrl: 'https://github.com/processes-step-by-step/book',
  editBranch: 'main',
} as const;

export default site;
