import { personIdSchema, personKindSchema, personSchema, photoSchema } from '@/lib/gallery';
import { addPerson, addReferencePhoto, listPersons, removePerson } from '@/server/gallery';
import { operatorProcedure, router } from '../init';
import { personListOutput, personRefOutput } from './gallery.types';

// 人物库 (operators only): the persons DetectCelebrity and ImageModeration POLITICS match against.
export const galleryRouter = router({
  list: operatorProcedure
    .input(personKindSchema)
    .output(personListOutput)
    .query(({ ctx, input }) => listPersons(ctx.db, input.kind)),
  add: operatorProcedure
    .input(personSchema)
    .output(personRefOutput)
    .mutation(async ({ ctx, input }) => addPerson(ctx.db, { ...input, now: await ctx.now() })),
  remove: operatorProcedure
    .input(personIdSchema)
    .output(personRefOutput)
    .mutation(async ({ ctx, input }) => {
      await removePerson(ctx.db, input.id);
      return { id: input.id };
    }),
  addPhoto: operatorProcedure
    .input(photoSchema)
    .output(personRefOutput)
    .mutation(async ({ ctx, input }) =>
      addReferencePhoto(ctx.db, { personId: input.personId, photo: Buffer.from(input.photoBase64, 'base64'), now: await ctx.now() }),
    ),
});
