export * from './alliance-engagement-report';
