export { GalleryError, type GalleryErrorCode } from './errors';
export { cachedGallery, GALLERY_CHECK_MS, loadGalleryFaces, type GalleryProvider } from './matcher';
export { addPerson, listPersons, removePerson, type PersonInput, type PersonRow } from './persons';
export { addReferencePhoto } from './reference-photo';
