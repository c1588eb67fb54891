-- The community that sites join until communities, roles and invites arrive:
-- every site the Worker hears from is registered under community 1.
INSERT INTO `communities` (`id`, `name`) VALUES (1, 'Default community') ON CONFLICT(`id`) DO NOTHING;
