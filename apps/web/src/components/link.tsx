import type { ComponentChildren } from 'preact';
import { hrefOf, navigate } from '../lib/router.js';

/** A link to an app path (`/node/42`) that navigates without reloading the page. */
export function Link(props: {
  href: string;
  children: ComponentChildren;
  class?: string;
  title?: string;
  'aria-current'?: 'page' | undefined;
  'aria-label'?: string;
}) {
  const { href, children, ...rest } = props;
  return (
    <a
      {...rest}
      href={hrefOf(href)}
      onClick={(event) => {
        if (event.defaultPrevented || event.button !== 0) return;
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}
