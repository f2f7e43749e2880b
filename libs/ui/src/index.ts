import './theme.css';

export * from './auth';
export * from './dialog';
export * from './format';
export * from './forms';
export * from './i18n';
export * from './layout';
export * from './login';
export * from './problem';
export * from './table';
export * from './messages';
