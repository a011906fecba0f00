// A titled block of the console. The section is deliberately not labelled by its heading: the
// table or form inside carries the accessible name, and one name should mean one thing.
import type { ReactNode } from 'react';

export function Panel(props: { title: string; className?: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section className={props.className ? `panel ${props.className}` : 'panel'}>
      <header className="panel-header">
        <h2>{props.title}</h2>
        {props.aside}
      </header>
      {props.children}
    </section>
  );
}
