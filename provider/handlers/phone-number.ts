import { ResourceHandler } from "./resource-handler";

/** Phone numbers: generic; area code, country and capabilities replace (see the model's rules). */
export const phoneNumberHandler = new ResourceHandler({
  kind: "PhoneNumber",
  idField: "phoneNumberId",
  routes: {
    create: "phoneNumbers.create",
    get: "phoneNumbers.get",
    update: "phoneNumbers.update",
    delete: "phoneNumbers.delete",
    list: "phoneNumbers.list",
  },
  pathParams: (id) => ({ phone_number_id: id }),
});
