import { Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import type { ReactNode } from 'react';

/** "Nothing here yet", said plainly, with an optional next step. */
export function EmptyState({ title, headingLevel = 3, children, action }: { title: string; headingLevel?: 2 | 3 | 4; children: ReactNode; action?: ReactNode }) {
  return (
    <Card data-color="neutral" variant="tinted" className="empty-state">
      <Heading level={headingLevel} data-size="2xs">
        {title}
      </Heading>
      <Paragraph data-size="sm">{children}</Paragraph>
      {action}
    </Card>
  );
}
