import { personIdSchema, personKindSchema, personSchema, photoSchema } from '@/lib/gallery';
import { addPerson, addReferencePhoto, listPersons, removePerson } from '@/server/gallery';
import { operatorProcedure, router } from '../init';

// 人物库 (operators only): the persons DetectCelebrity and ImageModeration POLITICS match against.
export const galleryRouter = router({
  list: operatorProcedure.input(personKindSchema).query(({ ctx, input }) => listPersons(ctx.db, input.kind)),
  add: operatorProcedure.input(personSchema).mutation(({ ctx, input }) => addPerson(ctx.db, { ...input, now: ctx.now() })),
  remove: operatorProcedure.input(personIdSchema).mutation(({ ctx, input }) => {
    removePerson(ctx.db, input.id);
    return { id: input.id };
  }),
  addPhoto: operatorProcedure
    .input(photoSchema)
    .mutation(({ ctx, input }) => addReferencePhoto(ctx.db, { personId: input.personId, photo: Buffer.from(input.photoBase64, 'base64'), now: ctx.now() })),
});
