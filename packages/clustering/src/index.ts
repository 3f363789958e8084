export { kmeans } from './kmeans';
