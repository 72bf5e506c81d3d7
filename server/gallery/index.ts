export { GalleryError, type GalleryErrorCode } from './errors';
export { GALLERY_CHECK_MS, loadGalleryFaces, refreshingGallery, type GalleryProvider, type RefreshingGallery } from './matcher';
export { addPerson, listPersons, removePerson, type PersonInput, type PersonRow } from './persons';
export { addReferencePhoto } from './reference-photo';
