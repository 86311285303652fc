import { useId, type ReactNode } from 'react';

/** A titled part of the page: a region landmark named by its h2. */
export function Section({ title, children, className }: { title: string; children: ReactNode; className?: string }) {
  const id = useId();
  return (
    <section className={`dht-section${className === undefined ? '' : ` ${className}`}`} aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}
