import type { ReactNode } from 'react';

export interface Fact {
  readonly label: string;
  readonly value: ReactNode;
}

/** Label/value pairs as a description list, in a grid that folds to one column on a phone. */
export function Facts({ facts }: { facts: readonly Fact[] }) {
  return (
    <dl className="dht-facts">
      {facts.map((fact) => (
        <div key={fact.label} className="dht-facts__item">
          <dt>{fact.label}</dt>
          <dd>{fact.value}</dd>
        </div>
      ))}
    </dl>
  );
}
