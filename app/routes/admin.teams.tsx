import { redirect } from '@remix-run/node'

/** Teams have their own pages now; an old link to the admin list lands there. */
export const loader = () => redirect('/teams', 301)
